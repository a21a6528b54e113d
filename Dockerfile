# syntax=docker/dockerfile:1
# Two stages: build the virtualenv, the Dutch messages and the static files; then copy only
# what runs into a slim image that runs as a non-root user.

FROM python:3.12-slim AS build
ENV UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --locked --no-dev --no-install-project --python /usr/local/bin/python3.12
COPY . .
# Build-time settings only: a throwaway key so settings load; nothing here reaches runtime.
RUN DJANGO_SECRET_KEY=build-only .venv/bin/python manage.py compilemessages --ignore=.venv \
    && DJANGO_SECRET_KEY=build-only .venv/bin/python manage.py collectstatic --noinput

FROM python:3.12-slim AS runtime
ENV PYTHONUNBUFFERED=1 PATH="/app/.venv/bin:$PATH" BIND_ADDRESS=0.0.0.0 PORT=8000
RUN useradd --system --uid 10001 --home /app techniekpact
WORKDIR /app
COPY --from=build --chown=techniekpact:techniekpact /app /app
# The uploads folder (DJANGO_MEDIA_ROOT), owned by the site's user so a volume mounted there is
# writable.
RUN install -d -o techniekpact -g techniekpact /app/media
USER techniekpact
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["bin/start"]
