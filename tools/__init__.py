"""Build-time tools. Nothing here is imported by the site, and `.dockerignore` keeps the folder
out of the image."""
