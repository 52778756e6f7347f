package io.reactory.workflow.persistence.jdbc;

/** The SQL databases Reactory stores its state in. SQL differences live in the store classes, switched on this. */
public enum Dialect {
    /** An embedded file: one writer at a time (WAL mode), epoch microseconds in INTEGER columns. */
    SQLITE("sqlite"),
    /** Clusters: several engine nodes on one database, {@code FOR UPDATE SKIP LOCKED}, {@code LISTEN/NOTIFY}. */
    POSTGRES("postgres");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The Flyway location of this dialect's migrations inside the jar. */
    public String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** The name stores report as their {@code kind()}. */
    public String kind() {
        return folder;
    }
}
