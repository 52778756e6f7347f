package io.reactory.workflow.config;

import io.reactory.workflow.config.expression.ExpressionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where configuration lives and how it is read.
 *
 * @param directory      the configuration directory: {@code workflows/}, {@code schedules/}, {@code definitions/},
 *                       {@code environments/<env>/}
 * @param environment    the active environment whose overlays apply, or null for the base files alone
 * @param reloadDebounce hot reload waits until files have been quiet this long (default 200 ms), so an editor's
 *                       several writes become one reload
 * @param yamlLimits     size, alias, depth and node limits per file
 * @param expressionLimits cost limits of declarative workflows' expressions
 */
public record ConfigurationOptions(Path directory, String environment, Duration reloadDebounce, YamlLimits yamlLimits,
                                   ExpressionLimits expressionLimits) {

    public ConfigurationOptions {
        Objects.requireNonNull(directory, "directory");
        if (environment != null && !io.reactory.workflow.config.internal.Sources.ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("environment names are lower-case letters, digits, '_' and '-' but got '"
                    + environment + "'");
        }
        reloadDebounce = reloadDebounce == null ? Duration.ofMillis(200) : reloadDebounce;
        if (reloadDebounce.isNegative() || reloadDebounce.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("reloadDebounce must be between 0 and 10 s but was " + reloadDebounce);
        }
        yamlLimits = yamlLimits == null ? YamlLimits.DEFAULT : yamlLimits;
        expressionLimits = expressionLimits == null ? ExpressionLimits.DEFAULT : expressionLimits;
    }

    public static ConfigurationOptions of(Path directory) {
        return new ConfigurationOptions(directory, null, null, null, null);
    }

    public ConfigurationOptions withEnvironment(String value) {
        return new ConfigurationOptions(directory, value, reloadDebounce, yamlLimits, expressionLimits);
    }

    public ConfigurationOptions withReloadDebounce(Duration value) {
        return new ConfigurationOptions(directory, environment, value, yamlLimits, expressionLimits);
    }

    public ConfigurationOptions withYamlLimits(YamlLimits value) {
        return new ConfigurationOptions(directory, environment, reloadDebounce, value, expressionLimits);
    }

    public ConfigurationOptions withExpressionLimits(ExpressionLimits value) {
        return new ConfigurationOptions(directory, environment, reloadDebounce, yamlLimits, value);
    }
}
