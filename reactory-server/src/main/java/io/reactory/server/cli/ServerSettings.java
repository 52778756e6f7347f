package io.reactory.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.server.amqp.AmqpConfig;
import io.reactory.server.amqp.AmqpOptions;
import io.reactory.server.http.ServerOptions;
import io.reactory.workflow.security.JwtOptions;
import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.SecurityOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code reactory serve} needs, resolved from (highest first) command-line flags, environment variables,
 * the server configuration file ({@code --server-config}, or {@code server.yml} in the configuration directory), and
 * defaults. Secrets (the JWT secret, the bootstrap admin key) come from the environment or from files, never from
 * the command line, where other users of the machine could read them.
 *
 * @param configDir  workflow and schedule YAML, or null
 * @param environment the configuration environment (overlays of {@code environments/<env>/}), or null
 * @param dataDir    the embedded store's folder as given, or null (then {@code ./data})
 * @param dbUrl      a PostgreSQL JDBC URL, or null
 * @param store      the store these resolve to (the password from {@code REACTORY_DB_PASSWORD} only)
 * @param adminApiKey a bootstrap admin key (namespace {@code *}) to register, or null
 * @param amqp       the AMQP adapter's options (the file's {@code amqp:} section, {@code REACTORY_AMQP_URI}), or null
 *                   when it is off
 * @param monitoring the log format, metrics options and alert thresholds ({@code monitoring:} of {@code server.yml})
 */
record ServerSettings(ServerOptions server, SecurityOptions security, Path configDir, String environment, Path dataDir,
                      String dbUrl, StoreSettings store, String adminApiKey, AmqpOptions amqp,
                      MonitoringSettings monitoring) {

    /** The flags of {@code serve}; null where not given. */
    record Flags(Path configDir, Integer port, String host, Path dataDir, String dbUrl, Path serverConfig,
                 String environment, String logFormat, String storeKind, String dbUser) {
        Flags(Path configDir, Integer port, String host, Path dataDir, String dbUrl, Path serverConfig,
              String environment) {
            this(configDir, port, host, dataDir, dbUrl, serverConfig, environment, null);
        }

        Flags(Path configDir, Integer port, String host, Path dataDir, String dbUrl, Path serverConfig,
              String environment, String logFormat) {
            this(configDir, port, host, dataDir, dbUrl, serverConfig, environment, logFormat, null, null);
        }
    }

    static ServerSettings resolve(Flags flags, Map<String, String> env) {
        Path configDir = flags.configDir() != null ? flags.configDir() : path(env.get("REACTORY_CONFIG"));
        Path file = flags.serverConfig() != null ? flags.serverConfig() : path(env.get("REACTORY_SERVER_CONFIG"));
        if (file == null && configDir != null && Files.isRegularFile(configDir.resolve("server.yml"))) {
            file = configDir.resolve("server.yml");
        }
        JsonNode yaml = file == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : read(file);
        JsonNode s = yaml.path("server");
        String host = first(flags.host(), env.get("REACTORY_HOST"), text(s, "host"), "127.0.0.1");
        int port = flags.port() != null ? flags.port()
                : integer("REACTORY_PORT", first(env.get("REACTORY_PORT"), text(s, "port"), "8080"));
        long maxBody = Long.parseLong(first(text(s, "maxBodyBytes"), "1048576"));
        boolean forwarded = Boolean.parseBoolean(first(text(s, "trustForwardedFor"), "false"));
        int proxies = integer("server.trustedProxies", first(text(s, "trustedProxies"), "1"));
        if (proxies < 1 || proxies > ServerOptions.MAX_TRUSTED_PROXIES) {
            throw new IllegalArgumentException("server.trustedProxies must be between 1 and "
                    + ServerOptions.MAX_TRUSTED_PROXIES + " but was " + proxies);
        }
        ServerOptions server = new ServerOptions(host, port, maxBody, forwarded, proxies);

        JsonNode st = yaml.path("store");
        Path dataDir = flags.dataDir() != null ? flags.dataDir() : path(first(env.get("REACTORY_DATA"), text(st, "data")));
        String storeKind = first(flags.storeKind(), env.get("REACTORY_STORE"), text(st, "kind"));
        // a --data flag beats a URL from the environment or the file, as every flag beats them
        boolean dataFlag = flags.dataDir() != null && flags.dbUrl() == null && storeKind == null;
        String dbUrl = dataFlag ? null : first(flags.dbUrl(), env.get("REACTORY_DB_URL"), text(st, "url"));
        // the password only from the environment: a command line or a configuration file is readable by others
        StoreSettings store = StoreSettings.resolve(storeKind, dataDir, dbUrl,
                first(flags.dbUser(), env.get("REACTORY_DB_USER"), text(st, "user")),
                blankToNull(env.get("REACTORY_DB_PASSWORD")));

        SecurityOptions security = security(yaml.path("security"), env, file);
        MonitoringSettings monitoring = MonitoringSettings.resolve(flags.logFormat(), yaml.path("monitoring"), env);
        return new ServerSettings(server, security, configDir, first(flags.environment(), env.get("REACTORY_ENV")), dataDir,
                dbUrl, store, blankToNull(env.get("REACTORY_ADMIN_API_KEY")), amqp(yaml.path("amqp"), env, file), monitoring);
    }

    /**
     * The {@code amqp:} section; {@code REACTORY_AMQP_URI} overrides its {@code uri} (or, without a section, switches
     * the adapter on with the defaults). Credentials come from {@code REACTORY_AMQP_USERNAME}/{@code _PASSWORD}.
     */
    private static AmqpOptions amqp(JsonNode section, Map<String, String> env, Path file) {
        String uri = blankToNull(env.get("REACTORY_AMQP_URI"));
        if ((section.isMissingNode() || section.isNull()) && uri == null) {
            return null;
        }
        ObjectNode effective = section.isObject() ? ((ObjectNode) section).deepCopy() : JsonNodeFactory.instance.objectNode();
        if (uri != null) {
            effective.put("uri", uri);
        }
        try {
            return AmqpConfig.fromSection(effective, env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((file == null ? "" : file + ": ") + e.getMessage(), e);
        }
    }

    private static SecurityOptions security(JsonNode sec, Map<String, String> env, Path file) {
        SecurityOptions options = SecurityOptions.defaults();
        if (sec.has("roles")) {
            Map<String, Set<String>> roles = new HashMap<>(SecurityOptions.DEFAULT_ROLES);
            for (Iterator<Map.Entry<String, JsonNode>> it = sec.get("roles").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> role = it.next();
                roles.put(role.getKey(), strings(role.getValue()));
            }
            options = options.withRolePermissions(roles);
        }
        if (sec.has("apiKeyCacheTtl")) {
            options = options.withApiKeyCacheTtl(duration(text(sec, "apiKeyCacheTtl"), "security.apiKeyCacheTtl"));
        }
        options = options.withRateLimits(rateLimits(sec.path("rateLimits"), env));
        JwtOptions jwt = jwt(sec.path("jwt"), env, file);
        return jwt == null ? options : options.withJwt(jwt);
    }

    private static RateLimitOptions rateLimits(JsonNode r, Map<String, String> env) {
        RateLimitOptions limits = RateLimitOptions.defaults();
        if (r.has("default")) {
            limits = limits.withDefaultLimit(limit(r.get("default"), "security.rateLimits.default"));
        }
        if (r.has("authenticationFailures")) {
            limits = limits.withAuthenticationFailures(limit(r.get("authenticationFailures"),
                    "security.rateLimits.authenticationFailures"));
        }
        if (r.has("endpoints")) {
            Map<String, RateLimitOptions.Limit> endpoints = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.get("endpoints").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                endpoints.put(e.getKey(), limit(e.getValue(), "security.rateLimits.endpoints." + e.getKey()));
            }
            limits = limits.withEndpoints(endpoints);
        }
        String enabled = first(env.get("REACTORY_RATE_LIMITS"), text(r, "enabled"));
        if (enabled != null) {
            limits = limits.withEnabled(!(enabled.equalsIgnoreCase("off") || enabled.equalsIgnoreCase("false")));
        }
        return limits;
    }

    private static RateLimitOptions.Limit limit(JsonNode node, String field) {
        try {
            return new RateLimitOptions.Limit(node.path("capacity").asLong(0), node.path("refill").asLong(0),
                    duration(first(text(node, "period"), "PT1S"), field + ".period"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage()
                    + " (write { capacity: 200, refill: 100, period: PT1S })", e);
        }
    }

    private static JwtOptions jwt(JsonNode j, Map<String, String> env, Path file) {
        String secret = blankToNull(env.get("REACTORY_JWT_SECRET"));
        String secretFile = first(env.get("REACTORY_JWT_SECRET_FILE"), text(j, "secretFile"));
        String keys = first(env.get("REACTORY_JWT_PUBLIC_KEYS"), text(j, "publicKeys"));
        if (secret == null && secretFile == null && keys == null) {
            return null;
        }
        JwtOptions.Builder b = JwtOptions.builder()
                .issuer(first(env.get("REACTORY_JWT_ISSUER"), text(j, "issuer")));
        String audiences = first(env.get("REACTORY_JWT_AUDIENCE"), j.has("audiences") ? String.join(",", strings(j.get("audiences"))) : null);
        if (audiences != null) {
            b.audiences(new HashSet<>(Arrays.asList(audiences.split("\\s*,\\s*"))));
        }
        try {
            if (secret != null) {
                b.hmacSecret(secret.getBytes(StandardCharsets.UTF_8));
            } else if (secretFile != null) {
                b.hmacSecret(Files.readString(relative(file, secretFile)).strip().getBytes(StandardCharsets.UTF_8));
            }
            if (keys != null) {
                b.publicKeys(JwtOptions.loadPublicKeys(relative(file, keys)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a JWT key file: " + e.getMessage(), e);
        }
        if (j.has("clockSkew")) {
            b.clockSkew(duration(text(j, "clockSkew"), "security.jwt.clockSkew"));
        }
        JsonNode claims = j.path("claims");
        b.rolesClaim(first(text(claims, "roles"), "roles"));
        b.permissionsClaim(first(text(claims, "permissions"), "permissions"));
        b.namespaceClaim(first(text(claims, "namespace"), "namespace"));
        return b.build();
    }

    private static Path relative(Path configFile, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || configFile == null ? p : configFile.toAbsolutePath().getParent().resolve(p);
    }

    private static JsonNode read(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read server configuration " + file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.addAll(List.of(node.asText().split("\\s*,\\s*")));
        }
        return out;
    }

    private static Duration duration(String text, String field) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration such as PT1S but was '" + text + "'");
        }
    }

    private static int integer(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number but was '" + text + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
