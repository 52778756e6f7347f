package io.reactory.server.cli;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which store a command runs on: the embedded SQLite file (the default, {@code ./data/reactory.db}), PostgreSQL (a
 * JDBC URL with credentials), or memory (state lost on exit, for throwaway runs). {@link #toString()} and
 * {@link #describe()} never show the password.
 *
 * @param file     the SQLite file, for {@link Kind#SQLITE}
 * @param url      the PostgreSQL JDBC URL, for {@link Kind#POSTGRES}
 * @param user     the PostgreSQL user, or null for the driver's default (or one in the URL)
 * @param password the PostgreSQL password, or null
 */
record StoreSettings(Kind kind, Path file, String url, String user, String password) {
    /** The file name of the embedded store inside its data folder. */
    static final String SQLITE_FILE = "reactory.db";
    private static final Path DEFAULT_DATA = Path.of("data");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("//([^/:@]+):[^/@]*@");

    enum Kind { MEMORY, SQLITE, POSTGRES }

    /**
     * Decides the store from what was given (each argument null when absent): an explicit kind, else PostgreSQL when
     * a URL is given, else the SQLite file in {@code dataDir} (default {@code ./data}). The kind decides; a folder or
     * URL it does not use is ignored (the start-up line says which store runs).
     *
     * @throws IllegalArgumentException for an unknown kind, PostgreSQL without a URL, or a URL that is not PostgreSQL's
     */
    static StoreSettings resolve(String kind, Path dataDir, String url, String user, String password) {
        Kind chosen;
        if (kind == null) {
            chosen = url != null ? Kind.POSTGRES : Kind.SQLITE;
        } else {
            try {
                chosen = Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--store must be memory, sqlite or postgres but was '" + kind + "'");
            }
        }
        return switch (chosen) {
            case MEMORY -> new StoreSettings(Kind.MEMORY, null, null, null, null);
            case SQLITE -> new StoreSettings(Kind.SQLITE,
                    (dataDir != null ? dataDir : DEFAULT_DATA).resolve(SQLITE_FILE).toAbsolutePath().normalize(), null,
                    null, null);
            case POSTGRES -> {
                if (url == null) {
                    throw new IllegalArgumentException("--store postgres needs --db URL (or REACTORY_DB_URL)");
                }
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("--db must be a PostgreSQL JDBC URL such as "
                            + "jdbc:postgresql://127.0.0.1:5432/reactory but was '" + redact(url) + "'");
                }
                yield new StoreSettings(Kind.POSTGRES, null, url, user, password);
            }
        };
    }

    /**
     * Opens the store, creating or migrating its schema.
     *
     * @throws StoreUnavailableException when it cannot be opened (folder not writable, database unreachable, login
     *                                   refused), with the reason and without the password
     */
    WorkflowStore open() {
        try {
            return switch (kind) {
                case MEMORY -> WorkflowStores.inMemory();
                case SQLITE -> WorkflowStores.sqlite(file);
                case POSTGRES -> WorkflowStores.postgres(url, user, password);
            };
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the " + describe() + ": " + hide(rootMessage(e)), e);
        }
    }

    /** What the store is, for the start-up line and errors: the file, or the URL and user; never the password. */
    String describe() {
        return switch (kind) {
            case MEMORY -> "in-memory store (state is lost on exit)";
            case SQLITE -> "SQLite store " + file;
            case POSTGRES -> "PostgreSQL store " + redact(url) + (user == null ? "" : " as " + user);
        };
    }

    @Override
    public String toString() {
        return describe();
    }

    /** {@code url} with any password in it (a {@code password=} parameter, {@code user:password@}) masked. */
    static String redact(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("//$1:***@");
    }

    private String hide(String message) {
        String text = message == null ? "" : message;
        if (password != null && !password.isEmpty()) {
            text = text.replace(password, "***");
        }
        return url == null ? text : text.replace(url, redact(url));
    }

    /** The innermost cause's first line: the driver's own words (connection refused, authentication failed). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (root instanceof java.nio.file.AccessDeniedException) {
            message = "permission denied: " + message;
        } else if (root instanceof java.net.UnknownHostException) {
            message = "unknown host " + message;
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The store could not be opened; the message says which store and why, and is safe to print. */
    static final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
