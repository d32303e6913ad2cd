package io.virtforge.fleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which database failures are retried, which become {@link ClaimStoreException}s, and what is kept for reuse. */
class TransactionsTest {
    private final List<String> calls = new ArrayList<>();
    private int opened;

    @Test
    void aDeadlockOrSerializationFailureIsRetriedAndTheResultReturned() {
        Transactions tx = new Transactions(new Connections(dataSource(), Optional.empty(), 2), 5);
        int[] runs = {0};
        String result = tx.inTransaction("claiming vm1", c -> {
            runs[0]++;
            if (runs[0] == 1) {
                throw new SQLException("deadlock detected", "40P01");
            }
            if (runs[0] == 2) {
                throw new SQLException("could not serialize access", "40001");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(runs[0]).isEqualTo(3);
        assertThat(calls).containsExactly("rollback", "rollback", "commit");
        assertThat(opened).as("the session survives an aborted transaction").isEqualTo(1);
    }

    @Test
    void retriesAreBounded() {
        Transactions tx = new Transactions(new Connections(dataSource(), Optional.empty(), 2), 3);
        int[] runs = {0};
        assertThatThrownBy(() -> tx.inTransaction("claiming vm1", c -> {
            runs[0]++;
            throw new SQLException("deadlock detected", "40P01");
        })).isInstanceOfSatisfying(ClaimStoreException.class, e -> {
            assertThat(e.sqlState()).hasValue("40P01");
            assertThat(e).hasMessage("claiming vm1 failed: deadlock detected (SQLSTATE 40P01)");
        });
        assertThat(runs[0]).isEqualTo(3);
    }

    @Test
    void otherDatabaseErrorsAreTypedAtOnceAndABrokenSessionIsNotReused() {
        Transactions tx = new Transactions(new Connections(dataSource(), Optional.empty(), 2), 5);
        assertThatThrownBy(() -> tx.inTransaction("releasing claim 7", c -> {
            throw new SQLException("connection reset", "08006");
        })).isInstanceOfSatisfying(ClaimStoreException.class, e -> assertThat(e.sqlState()).hasValue("08006"));
        assertThat(calls).containsExactly("rollback", "close");
        tx.inTransaction("again", c -> 1);
        assertThat(opened).isEqualTo(2);
    }

    @Test
    void theCallersOwnRefusalsRollBackAndPassThroughUnchanged() {
        Transactions tx = new Transactions(new Connections(dataSource(), Optional.empty(), 2), 5);
        IllegalArgumentException refusal = new IllegalArgumentException("vm1 is taken");
        assertThatThrownBy(() -> tx.inTransaction("claiming vm1", c -> {
            throw refusal;
        })).isSameAs(refusal);
        assertThat(calls).containsExactly("rollback");
        assertThat(Transactions.retryable(new SQLException("x", "23505"))).isFalse();
    }

    /** A data source whose connections record commit, rollback and close. */
    private DataSource dataSource() {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit", "rollback", "close" -> calls.add(method.getName());
                        default -> {
                        }
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                opened++;
                return connection;
            }

            @Override
            public Connection getConnection(String user, String password) {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
