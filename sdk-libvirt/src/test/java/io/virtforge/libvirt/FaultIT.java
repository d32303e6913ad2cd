package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirtd dies ({@code kill -9}) under an open connection, during a stream of calls and between calls:
 * every call fails with {@link ConnectionLostException} carrying libvirt's own error; reconnecting while
 * the daemon is down fails the same way; once the daemon is back, {@link LibvirtConnection#reconnect()}
 * restores the connection, and handles taken before (by UUID) and lifecycle subscriptions work again.
 * The daemon is restarted ({@code libvirtd -d}) in any case, even when the test fails.
 *
 * <p>Runs only as root with a libvirtd that is not managed by systemd (as {@code scripts/setup-libvirt-host.sh}
 * starts it): under systemd a unit would restart or track the daemon itself.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FaultIT {
    private static final Logger LOG = LoggerFactory.getLogger(FaultIT.class);
    private static final Duration DAEMON_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aKilledDaemonIsConnectionLostAndReconnectRecovers() throws Exception {
        Hosts.assumeQemuSystem();
        Hosts.assumeRoot();
        long pid = libvirtdPid().orElse(-1L);
        assumeTrue(pid > 0, "no libvirtd process found in /proc");
        assumeFalse(managedBySystemd(pid), "libvirtd is managed by systemd; this test restarts it with libvirtd -d");

        String name = "it-vf-fault-" + ProcessHandle.current().pid();
        LibvirtConnection conn = LibvirtConnection.open(Hosts.QEMU_URI);
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
                assertThat(e.libvirtMessage()).startsWith("Failed to connect socket to '/var/run/libvirt/libvirt-sock'");
            });
            assertThatThrownBy(() -> LibvirtConnection.open(Hosts.QEMU_URI)).isInstanceOf(ConnectionLostException.class);

            // the documented recovery: daemon back, reconnect (with retries), same handles
            long t0 = System.nanoTime();
            startDaemon();
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
                if (!Hosts.virshAnswers(Hosts.QEMU_URI, Duration.ofSeconds(5))) {
                    startDaemon();
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

    /** The pid of the running libvirtd, from /proc. */
    static Optional<Long> libvirtdPid() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("libvirtd");
                        } catch (IOException e) {
                            return false; // gone meanwhile
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        }
    }

    private static boolean managedBySystemd(long pid) throws IOException {
        String init = Files.readString(Path.of("/proc/1/comm")).trim();
        String cgroup = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
        return init.equals("systemd") && cgroup.contains(".service");
    }

    private static void kill(long pid) throws Exception {
        LOG.info("killing libvirtd (pid {})", pid);
        assertThat(Hosts.run(Duration.ofSeconds(5), "kill", "-9", Long.toString(pid)).exitCode()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** {@code libvirtd -d}, then waits until {@code virsh -c qemu:///system version} answers. */
    static void startDaemon() throws Exception {
        LOG.info("starting libvirtd -d");
        Hosts.run(Duration.ofSeconds(10), "libvirtd", "-d");
        long deadline = System.nanoTime() + DAEMON_TIMEOUT.toNanos();
        while (!Hosts.virshAnswers(Hosts.QEMU_URI, Duration.ofSeconds(5))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("libvirtd did not answer within " + DAEMON_TIMEOUT);
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
