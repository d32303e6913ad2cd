package io.virtforge.fleet.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's units of work, each in one transaction. A serialization failure or a deadlock (SQLSTATE
 * 40001, 40P01: the database gave up one of two transactions) is retried a bounded number of times, because the
 * work is all in the transaction and nothing of it took effect; any other {@link SQLException} becomes a
 * {@link ClaimStoreException}. A {@link RuntimeException} from the work (a conflict, a refusal) rolls back and
 * goes to the caller as it is.
 */
final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** A unit of work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connections connections;
    private final int attempts;

    Transactions(Connections connections, int attempts) {
        this.connections = connections;
        this.attempts = attempts;
    }

    /**
     * Runs the work in one transaction at the session's level (PostgreSQL's default, READ COMMITTED: the store's
     * writes are conditional updates and row locks, which need no more).
     */
    <T> T inTransaction(String what, Work<T> work) {
        return run(what, false, work);
    }

    /**
     * Runs work whose every statement is a transaction of its own (auto-commit). The store's hot paths are single
     * statements, so that the database commits them as they end: no row lock is held across a round trip to a
     * client that may be slow to answer.
     */
    <T> T eachStatement(String what, Work<T> work) {
        return run(what, true, work);
    }

    private <T> T run(String what, boolean autoCommit, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = connections.borrow();
            } catch (SQLException e) {
                throw new ClaimStoreException(what + " (connecting)", e);
            }
            boolean broken = false;
            try {
                if (autoCommit) {
                    c.setAutoCommit(true); // no transaction is open: the driver only notes it
                }
                T result = work.run(c);
                if (autoCommit) {
                    c.setAutoCommit(false);
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException e) {
                broken = rollback(c, autoCommit) || Connections.breaksConnection(e);
                if (retryable(e) && attempt < attempts) {
                    LOG.info("{}: {} (SQLSTATE {}), retrying ({} of {})", what, e.getMessage(), e.getSQLState(),
                            attempt + 1, attempts);
                    continue;
                }
                throw new ClaimStoreException(what, e);
            } catch (RuntimeException e) {
                broken = rollback(c, autoCommit);
                throw e;
            } finally {
                connections.giveBack(c, broken);
            }
        }
    }

    /** SQLSTATE 40001 (serialization failure) and 40P01 (deadlock detected). */
    static boolean retryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /**
     * Rolls back the transaction, or leaves auto-commit (nothing to roll back); true when that failed (the
     * connection is not to be reused).
     */
    private static boolean rollback(Connection c, boolean autoCommit) {
        try {
            if (autoCommit) {
                c.setAutoCommit(false);
            } else {
                c.rollback();
            }
            return false;
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
            return true;
        }
    }
}
