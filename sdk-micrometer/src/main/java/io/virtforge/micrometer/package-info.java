/**
 * Micrometer for applications that embed the SDK: {@link io.virtforge.micrometer.VirtforgeMeterBinder} publishes
 * the monitor's metrics (the same names as {@code virtforge exporter}'s) to any Micrometer registry.
 */
package io.virtforge.micrometer;
