# ChatOpsWatch as a container (issue 13). Multi-stage: the SDK image builds, the runtime image runs.
# BASE is the repository of both stages' images (BASE/sdk:10.0, BASE/runtime:10.0), so that local images work where
# no registry does: the default is Microsoft's; scripts/container-base.sh makes localhost/cow/{sdk,runtime}:10.0 from a
# debootstrap Debian. The runtime stage has no SDK and no ssh client (SSH.NET does the SSH).
#
#   podman build --format docker -t chatopswatch .    (or: docker build -t chatopswatch .)
ARG BASE=mcr.microsoft.com/dotnet

FROM ${BASE}/sdk:10.0 AS build
# Extra restore arguments: a build without nuget.org passes a mounted package folder as the source, and no audit.
ARG RESTORE_ARGS=""
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
# For the image's architecture only: the chart library ships native assets for every OS, and the other OSes' cost
# a hundred-odd MB. Framework-dependent, so the runtime image's .NET runs it.
ARG TARGETARCH
RUN rid=linux-$(case "${TARGETARCH:-amd64}" in arm64) echo arm64 ;; *) echo x64 ;; esac) \
 && dotnet publish src/ChatOpsWatch.Worker -c Release -r "$rid" --no-self-contained -o /app -p:UseAppHost=false $RESTORE_ARGS \
 && rm -f /app/*.pdb

FROM ${BASE}/runtime:10.0 AS runtime
# A fixed uid, so the data volume's owner is known outside the container; no login shell, no home to write to.
RUN (getent group chatopswatch || groupadd --system --gid 10001 chatopswatch) \
 && (getent passwd chatopswatch || useradd --system --uid 10001 --gid 10001 --home-dir /data --shell /usr/sbin/nologin chatopswatch) \
 && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /app /app
WORKDIR /data
ENV ChatOpsWatch__Storage__Path=/data/chatopswatch.db \
    ChatOpsWatch__Metrics__Listen=0.0.0.0:9464 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0
USER 10001:10001
VOLUME ["/data"]
EXPOSE 9464
# The database says whether the monitor is alive: writable, a poll fired within 2 intervals, the outbox draining.
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 CMD ["dotnet", "/app/chatopswatch.dll", "health"]
# Exec form: the monitor is PID 1, so SIGTERM reaches it and the host drains (polls end, the outbox flushes).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/chatopswatch.dll"]
CMD ["run"]
