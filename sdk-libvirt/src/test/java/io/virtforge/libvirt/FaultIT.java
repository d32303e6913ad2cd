package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import io.virtforge.testkit.junit.TestLibvirtd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirtd dies ({@code kill -9}) under an open connection, during a stream of calls and between calls:
 * every call fails with {@link ConnectionLostException} carrying libvirt's own error; reconnecting while
 * the daemon is down fails the same way; once the daemon is back, {@link LibvirtConnection#reconnect()}
 * restores the connection, and handles taken before (by UUID) and lifecycle subscriptions work again.
 *
 * <p>The daemon killed is only ever the private test libvirtd, found by its pid file ({@code PRIV/run/libvirtd.pid}),
 * never a libvirtd the machine runs; it is started again the private way ({@code scripts/private-libvirtd.sh
 * relaunch}, inside its own mount namespace) in any case, even when the test fails. Runs only as root.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FaultIT {
    private static final Logger LOG = LoggerFactory.getLogger(FaultIT.class);
    private static final Duration DAEMON_TIMEOUT = Duration.ofSeconds(30);
    /** The script that starts the private daemon; failsafe runs in the module's folder ({@code basedir}). */
    private static final Path PRIVATE_LIBVIRTD = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath().normalize().resolveSibling("scripts").resolve("private-libvirtd.sh");

    @Test
    void aKilledDaemonIsConnectionLostAndReconnectRecovers() throws Exception {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
        String uri = Hosts.qemuUri();
        Path pidFile = TestLibvirtd.libvirtdPidFile(uri).orElse(null);
        assumeTrue(pidFile != null, () -> "the test daemon's URI names no socket (PRIV/run/libvirt-sock): " + uri);
        long pid = livePid(pidFile).orElse(-1L);
        assumeTrue(pid > 0, () -> "no live private libvirtd in " + pidFile);
        assumeTrue(Files.isExecutable(PRIVATE_LIBVIRTD), () -> PRIVATE_LIBVIRTD + " missing: cannot restart the daemon");
        String socket = Hosts.qemuSocket();

        String name = "it-vf-fault-" + ProcessHandle.current().pid();
        LibvirtConnection conn = LibvirtConnection.open(uri);
        try {
            LibvirtDomain dom = conn.define(QemuOpsIT.idleGuest(name));
            List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
            Subscription sub = conn.onLifecycle(e -> {
                if (e.domain().startsWith(name)) {
                    events.add(e);
                }
            });

            // during calls: a thread keeps listing domains while the daemon is killed
            AtomicReference<RuntimeException> duringCalls = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) {
                    try {
                        conn.domains();
                    } catch (RuntimeException e) {
                        duringCalls.set(e);
                        return;
                    }
                }
            }, "caller");
            caller.start();
            Thread.sleep(200);
            kill(pid);
            caller.join();
            LOG.info("failure of the call running when the daemon died: {}", duringCalls.get().toString());
            assertThat(duringCalls.get()).isInstanceOf(ConnectionLostException.class);
            ConnectionLostException running = (ConnectionLostException) duringCalls.get();
            assertThat(running.errorDomain()).isEqualTo(7); // VIR_FROM_RPC
            assertThat(running.code()).isIn(1, 38); // "client socket is closed" or "End of file while reading data"

            // between calls: each call on the dead connection
            assertThat(conn.isAlive()).isFalse();
            assertThatThrownBy(dom::state).isInstanceOfSatisfying(ConnectionLostException.class, e -> {
                assertThat(e.code()).isEqualTo(1); // VIR_ERR_INTERNAL_ERROR
                assertThat(e.errorDomain()).isEqualTo(7);
                assertThat(e.libvirtMessage()).isEqualTo("internal error: client socket is closed");
            });
            assertThatThrownBy(conn::topology).isInstanceOf(ConnectionLostException.class);
            assertThatThrownBy(() -> conn.lookup(name)).isInstanceOf(ConnectionLostException.class);

            // while the daemon is down, reconnecting fails the same way
            assertThatThrownBy(conn::reconnect).isInstanceOfSatisfying(ConnectionLostException.class, e -> {
                assertThat(e.code()).isEqualTo(38); // VIR_ERR_SYSTEM_ERROR
                assertThat(e.errorDomain()).isEqualTo(7);
                assertThat(e.libvirtMessage()).startsWith("Failed to connect socket to '" + socket + "'");
            });
            assertThatThrownBy(() -> LibvirtConnection.open(uri)).isInstanceOf(ConnectionLostException.class);

            // the documented recovery: daemon back, reconnect (with retries), same handles
            long t0 = System.nanoTime();
            startDaemon(uri);
            reconnectWithRetries(conn, DAEMON_TIMEOUT);
            LOG.info("daemon restarted and connection recovered in {} ms", (System.nanoTime() - t0) / 1_000_000);
            assertThat(conn.isAlive()).isTrue();
            assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
            assertThat(conn.domain(dom.uuid())).isEqualTo(dom);
            dom.undefine();
            LibvirtTestDriverIT.awaitSize(events, 1);
            assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.UNDEFINED);
            sub.close();
        } finally {
            try {
                if (!Hosts.virshAnswers(uri, Duration.ofSeconds(5))) {
                    startDaemon(uri);
                }
            } finally {
                try {
                    if (conn.isAlive()) {
                        conn.lookup(name).ifPresent(d -> d.undefine());
                    }
                } finally {
                    conn.close();
                }
            }
        }
        assertThat(conn.openDomainHandles()).isZero();
    }

    /** The pid in a pid file, if that process lives. */
    static Optional<Long> livePid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile).strip();
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text);
        return Files.exists(Path.of("/proc", text)) ? Optional.of(pid) : Optional.empty();
    }

    private static void kill(long pid) throws Exception {
        LOG.info("killing the private libvirtd (pid {})", pid);
        assertThat(Hosts.run(Duration.ofSeconds(5), "kill", "-9", Long.toString(pid)).exitCode()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * Starts the private libvirtd again inside its namespace ({@code private-libvirtd.sh relaunch}, which waits
     * until it answers), then waits until {@code virsh -c URI version} answers here too.
     */
    static void startDaemon(String uri) throws Exception {
        Path dir = TestLibvirtd.directory(uri).orElseThrow();
        LOG.info("starting the private libvirtd in {} again", dir);
        ProcessBuilder relaunch = new ProcessBuilder(PRIVATE_LIBVIRTD.toString(), "relaunch").redirectErrorStream(true);
        relaunch.environment().put("VIRTFORGE_LIBVIRTD_DIR", dir.toString());
        Path out = Files.createTempFile("virtforge-relaunch", ".out");
        try {
            Process p = relaunch.redirectOutput(out.toFile()).start();
            if (!p.waitFor(DAEMON_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("private-libvirtd.sh relaunch failed: " + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
        long deadline = System.nanoTime() + DAEMON_TIMEOUT.toNanos();
        while (!Hosts.virshAnswers(uri, Duration.ofSeconds(5))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the private libvirtd did not answer within " + DAEMON_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    /** The recovery loop an application would run: reconnect until the daemon takes the connection. */
    static void reconnectWithRetries(LibvirtConnection conn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 100;
        while (true) {
            try {
                conn.reconnect();
                return;
            } catch (ConnectionLostException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("reconnect failed ({}), retrying in {} ms", e.libvirtMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }
}
