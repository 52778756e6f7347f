package io.reactory.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The server's log format: {@code text} (the default {@code logback.xml}: a line per event with the MDC) or
 * {@code json} ({@code logback-json.xml}: Logback's JSON encoder, one object per line with the MDC's instance,
 * workflow, step and attempt as fields). Applied by reconfiguring Logback at start; a {@code logback.xml} of the
 * user's (with {@code -Dlogback.configurationFile}) is left alone.
 */
final class LogFormat {
    private LogFormat() {}

    /**
     * @param format {@code text}, {@code json}, or null for text
     * @throws IllegalArgumentException for another value
     */
    static void apply(String format) {
        String value = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("text") && !value.equals("json")) {
            throw new IllegalArgumentException("the log format must be 'text' or 'json' but is '" + format + "'");
        }
        if (value.equals("text") || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own configuration decides
        }
        URL config = LogFormat.class.getResource("/logback-json.xml");
        if (config == null) {
            throw new IllegalStateException("logback-json.xml is missing from the server jar");
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("could not switch logging to JSON: " + e.getMessage(), e);
        }
    }
}
