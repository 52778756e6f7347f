package io.reactory.workflow.persistence.jdbc;

/**
 * A database operation failed (connection lost, constraint violated unexpectedly, SQL error). Unchecked: the engine
 * treats it like any other store failure and retries the operation later.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
