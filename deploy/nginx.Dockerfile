# syntax=docker/dockerfile:1
# The reverse proxy in front of the web containers: Debian's nginx package (the one the test
# suite runs, tests/test_proxy.py) with the site's configuration, deploy/nginx.conf.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/nginx.conf /etc/nginx/nginx.conf
EXPOSE 8000
# SIGQUIT: finish the requests in flight, then stop.
STOPSIGNAL SIGQUIT
CMD ["nginx", "-p", "/var/lib/nginx/", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;"]
