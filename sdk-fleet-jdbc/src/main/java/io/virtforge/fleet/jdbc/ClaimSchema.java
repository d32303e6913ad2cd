package io.virtforge.fleet.jdbc;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The claim store's tables, created and upgraded by Flyway from {@code db/virtforge-claims/V*__*.sql}. The
 * scripts are deliberately not under {@code db/migration}, Flyway's default location, and keep their history in a
 * table of their own, so that an application's own Flyway setup neither runs them nor trips over them.
 */
final class ClaimSchema {
    /** Where the migration scripts are on the class path. */
    static final String LOCATION = "classpath:db/virtforge-claims";
    /** Flyway's history table for these scripts. */
    static final String HISTORY_TABLE = "virtforge_claims_schema_history";

    private ClaimSchema() {
    }

    /** Brings the schema (the database's default one when empty) up to the newest version; creates it if needed. */
    static void migrate(DataSource dataSource, Optional<String> schema) {
        FluentConfiguration config = Flyway.configure(ClaimSchema.class.getClassLoader()).dataSource(dataSource)
                .locations(LOCATION).table(HISTORY_TABLE);
        schema.ifPresent(s -> config.schemas(s).defaultSchema(s).createSchemas(true));
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new ClaimStoreException("migrating the claim store's schema" + schema.map(s -> " " + s).orElse(""),
                    e);
        }
    }
}
