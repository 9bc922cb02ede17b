# Builds the hub (gateway and command line) from the repository root and runs it against external services.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package \
 && mkdir -p /out/lib \
 && cp cli/target/shiftproof-cli-*.jar /out/ \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 shiftproof && mkdir -p /var/lib/shiftproof \
 && chown shiftproof /var/lib/shiftproof
COPY --from=build /out /opt/shiftproof
USER shiftproof
EXPOSE 8443 9464
ENTRYPOINT ["java", "-cp", "/opt/shiftproof/*:/opt/shiftproof/lib/*", "io.shiftproof.cli.ShiftproofCli"]
CMD ["run"]
