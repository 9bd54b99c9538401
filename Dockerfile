# syntax=docker/dockerfile:1

# --- build -----------------------------------------------------------------
# scripts/check-image.sh runs these steps on exactly the files copied here (no Docker engine needed), then
# starts the extracted layers as the run stage does: keep paths inside WORKDIR relative so it can.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B dependency:go-offline
COPY src/ src/
# maven.test.skip: neither the tests nor the OpenAPI client they use (generated from openapi/, not copied)
# are built. The embedded PostgreSQL (zonky and its binaries) is an optional dependency: not in the jar.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -Dmaven.test.skip=true \
    && cp target/scaleplan-*.jar scaleplan.jar \
    && java -Djarmode=tools -jar scaleplan.jar extract --layers --launcher --destination layers

# --- run -------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system scaleplan && useradd --system --gid scaleplan --home /app scaleplan \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/layers/dependencies/ ./
COPY --from=build /src/layers/spring-boot-loader/ ./
COPY --from=build /src/layers/snapshot-dependencies/ ./
COPY --from=build /src/layers/application/ ./
USER scaleplan
# 8080 serves the API, readiness and metrics; 8081 only the liveness probe, on threads of its own, so
# that a replica busy serving the API is not restarted for a slow probe (point livenessProbe at it).
EXPOSE 8080 8081
ENV PROBE_PORT=8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# In the entry point, not only JAVA_TOOL_OPTIONS, so that overriding that variable keeps it: after an
# OutOfMemoryError the JVM exits and the orchestrator restarts it, instead of limping on.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
