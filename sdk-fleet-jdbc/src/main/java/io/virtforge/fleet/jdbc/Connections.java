package io.virtforge.fleet.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few idle connections of the data source for the next operation. A plain data source (the driver's
 * {@code PGSimpleDataSource}) opens a new session per {@code getConnection()}: with password authentication that
 * costs more than a claim itself, so the store reuses its sessions rather than requiring a pool library. A
 * pooled data source works as well (its connections are then simply held a little longer).
 */
final class Connections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final DataSource dataSource;
    private final Optional<String> schema;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Connections(DataSource dataSource, Optional<String> schema, int maxIdle) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.maxIdle = maxIdle;
    }

    /** An idle connection, or a new one; in manual commit mode, on the store's schema. */
    Connection borrow() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new IllegalStateException("the claim store is closed");
            }
            Connection reused = idle.pollFirst();
            if (reused != null) {
                return reused;
            }
        }
        Connection fresh = dataSource.getConnection();
        try {
            if (schema.isPresent()) {
                fresh.setSchema(schema.get()); // before the first transaction: it is a session setting
            }
            fresh.setAutoCommit(false);
            return fresh;
        } catch (SQLException e) {
            closeQuietly(fresh);
            throw e;
        }
    }

    /** Takes a connection back after a finished transaction; a broken one is closed instead of kept. */
    void giveBack(Connection connection, boolean broken) {
        if (!broken) {
            synchronized (idle) {
                if (!closed && idle.size() < maxIdle) {
                    idle.addFirst(connection);
                    return;
                }
            }
        }
        closeQuietly(connection);
    }

    /** Whether the error leaves the session unusable (the connection class 08, or the server going down 57P). */
    static boolean breaksConnection(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Connections::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a claim store connection: {}", e.getMessage());
        }
    }
}
