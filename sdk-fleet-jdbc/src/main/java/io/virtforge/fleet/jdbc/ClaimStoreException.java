package io.virtforge.fleet.jdbc;

import io.virtforge.VirtforgeException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database failed a claim store operation (unreachable, refused the credentials, a constraint the store
 * did not expect, a migration that failed...). Carries the SQLSTATE when the driver gave one; the operation
 * did not take effect (its transaction was rolled back).
 */
public final class ClaimStoreException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * A failure of an operation.
     *
     * @param what  what the store was doing, e.g. "claiming vm1 on host h1"
     * @param cause the driver's exception
     */
    public ClaimStoreException(String what, SQLException cause) {
        super(what + " failed: " + cause.getMessage()
                + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")"), cause);
        this.sqlState = cause.getSQLState();
    }

    /**
     * A failure that did not come from the driver (e.g. the schema migration).
     *
     * @param what  what the store was doing
     * @param cause the cause
     */
    public ClaimStoreException(String what, RuntimeException cause) {
        super(what + " failed: " + cause.getMessage(), cause);
        this.sqlState = null;
    }

    /** The SQLSTATE of the database's error, when there is one (e.g. {@code 08001}: cannot connect). */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
