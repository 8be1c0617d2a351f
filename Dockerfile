# The service (and the load generator) for docker-compose.yml. Build stage: Maven on Temurin 17;
# runtime: Temurin 17 JRE. Both images are pinned.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# The reactor needs every module's pom; benchmarks is not built.
COPY pom.xml ./
COPY local-cluster/pom.xml local-cluster/
COPY service/pom.xml service/
COPY load-generator/pom.xml load-generator/
COPY benchmarks/pom.xml benchmarks/
COPY sql sql/
COPY local-cluster/src local-cluster/src/
COPY service/src service/src/
COPY load-generator/src load-generator/src/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl service,load-generator -am package

FROM eclipse-temurin:17.0.13_11-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app analytics
WORKDIR /app
COPY --from=build /src/service/target/analytics-service.jar /src/load-generator/target/load-generator.jar ./
COPY service/config.yml ./config.yml
USER analytics
# API on 8080; health and /prometheus on 8081 (set ANALYTICS_ADMIN_HOST=0.0.0.0 to reach it from outside).
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/analytics-service.jar"]
CMD ["server", "/app/config.yml"]
