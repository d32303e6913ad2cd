/**
 * The fleet's {@link io.virtforge.fleet.ClaimStore} in PostgreSQL, shared by several scheduler JVMs:
 * {@link io.virtforge.fleet.jdbc.JdbcClaimStore} (built with its builder from a {@link javax.sql.DataSource}) and
 * {@link io.virtforge.fleet.jdbc.ClaimStoreException}, the typed error of a database failure. The tables are made
 * by Flyway from the scripts in {@code db/virtforge-claims}.
 */
package io.virtforge.fleet.jdbc;
