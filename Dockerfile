# mesobot in a container: built in one stage, run as a non-root user in the next.
#   docker build -t mesobot .
#   docker run -e MESOBOT_TOKEN=... -e DATABASE_URL=postgresql://... -p 8080:8080 mesobot
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY mesobot ./mesobot
COPY handlers ./handlers
COPY migrations ./migrations
# The README's install step (Run it for real); the next stage copies the environment.
RUN python3 -m venv .venv && .venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 mesobot
COPY --from=build /src/.venv /src/.venv
ENV PATH=/src/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=8080 \
    MESOBOT_LOG_FORMAT=json
USER mesobot
WORKDIR /home/mesobot
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/healthz', timeout=4)"
CMD ["mesobot", "run"]
