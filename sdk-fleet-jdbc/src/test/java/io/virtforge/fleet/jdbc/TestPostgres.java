package io.virtforge.fleet.jdbc;

import io.virtforge.testing.Corpus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests run against: the private one {@code scripts/private-postgres.sh} starts
 * ({@code scripts/run-tests.sh} does), whose JDBC URL comes from the system property {@value #URL_PROPERTY} or
 * the environment variable {@value #URL_ENV}. Without it the tests skip with the reason, except under
 * {@code CI=true}, where they fail: a CI run must not pass by testing nothing. Each test works in a schema of its
 * own, dropped afterwards.
 */
final class TestPostgres {
    /** The system property with the test server's JDBC URL. */
    static final String URL_PROPERTY = "virtforge.testPostgresUrl";
    /** The environment variable read when the property is not set. */
    static final String URL_ENV = "VIRTFORGE_TEST_POSTGRES_URL";
    /** Why the tests skip without a server. */
    static final String MISSING_REASON = "no test PostgreSQL: run scripts/run-tests.sh, or scripts/private-postgres.sh"
            + " start and pass -D" + URL_PROPERTY + "=$(scripts/private-postgres.sh url)";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestPostgres() {
    }

    /** The test server's URL, if a run gave one. */
    static Optional<String> url() {
        String value = System.getProperty(URL_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(URL_ENV);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The URL, or the test is skipped (failed under CI=true) with {@link #MISSING_REASON}. */
    static String require() {
        Optional<String> url = url();
        if (url.isEmpty()) {
            if (Corpus.ci()) {
                Assertions.fail(MISSING_REASON + " (CI=true: required)");
            }
            Assumptions.abort(MISSING_REASON);
        }
        return url.get();
    }

    /** A data source on the URL. */
    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }

    /** A schema name no other test uses (the tables are created in it by the store). */
    static String newSchemaName() {
        return "claims_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** Drops a test's schema and everything in it. */
    static void dropSchema(String url, String schema) throws SQLException {
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
