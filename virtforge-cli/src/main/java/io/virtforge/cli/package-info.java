/**
 * The {@code virtforge} command line ({@link io.virtforge.cli.Virtforge}, run by {@code bin/virtforge} from the
 * shaded {@code virtforge-cli/target/virtforge.jar}): {@code xml}, {@code plan}, {@code create-optimized-vm},
 * {@code vm-monitor}, {@code gpu-passthrough}, {@code numa-compare}, {@code audit} and {@code host}, against a
 * libvirt URI or sdk-fake's fake hosts ({@code fake:///xeon-2s}, the default). It knows a host only through
 * {@link io.virtforge.connect.VirtConnection}: what a connection gives beyond it (the fake's sysfs and clock) comes
 * through {@link io.virtforge.connect.VirtConnection#capability(Class)}, never from its class. Not an API: the
 * classes are package-private.
 */
package io.virtforge.cli;
