# syntax=docker/dockerfile:1
# Multi-stage build: restore and publish with the SDK, run on the slim ASP.NET runtime as a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY ProfilePortal.Domain/ProfilePortal.Domain.csproj ProfilePortal.Domain/
COPY ProfilePortal.Infrastructure/ProfilePortal.Infrastructure.csproj ProfilePortal.Infrastructure/
COPY ProfilePortal/ProfilePortal.csproj ProfilePortal/
RUN dotnet restore ProfilePortal/ProfilePortal.csproj
COPY ProfilePortal.Domain/ ProfilePortal.Domain/
COPY ProfilePortal.Infrastructure/ ProfilePortal.Infrastructure/
COPY ProfilePortal/ ProfilePortal/
# No native launcher: the image starts the app with `dotnet ProfilePortal.dll`.
RUN dotnet publish ProfilePortal/ProfilePortal.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# The full runtime image rather than a chiseled one: the portal needs ICU (ru/en cultures) and tzdata (users' time
# zones), and creating the writable folders below needs a shell.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# ASPNETCORE_HTTP_PORTS (the base image's own setting) rather than ASPNETCORE_URLS, which would override it with a
# warning at every start. The health check, compose and the Kubernetes probes all use port 8080.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
COPY --from=build /app ./
# App_Data holds the SQLite file when no server database is configured; logs/ the rolling log files.
RUN mkdir -p /app/App_Data /app/logs && chown -R $APP_UID /app/App_Data /app/logs
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "ProfilePortal.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "ProfilePortal.dll"]
