package io.virtforge.libvirt;

import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.NativeLibvirt;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's libvirt event loop: libvirt's default implementation ({@code virEventRegisterDefaultImpl},
 * through libvirt-java's {@link Library#initEventLoop()}) registered once per JVM, before the first
 * connection is opened, and run ({@code virEventRunDefaultImpl}) for ever on one daemon thread named
 * {@value #THREAD_NAME}.
 *
 * <p>libvirt needs it for domain events and for keepalive: a remote connection
 * ({@code qemu:///system} goes through libvirtd too) with keepalive but nobody running the loop is
 * dropped by the daemon. libvirt's callbacks (lifecycle events, keepalive timers, socket I/O of remote
 * connections) run on this thread; the SDK hands events on to each connection's own dispatch thread at
 * once, so user code never runs here and cannot stall libvirt.
 *
 * <p>If the application registered another event loop implementation before the SDK's first
 * connection, libvirt uses whichever was registered last; mixing is not supported.
 */
final class EventLoop {
    static final String THREAD_NAME = "virtforge-libvirt-event-loop";
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final Object LOCK = new Object();
    private static Thread thread;

    private EventLoop() {
    }

    /** Registers and starts the loop if this JVM has not yet; idempotent and thread-safe. */
    static void ensureRunning() {
        synchronized (LOCK) {
            if (thread != null) {
                return;
            }
            try {
                Library.initEventLoop();
            } catch (LibvirtException e) {
                throw ErrorMapping.map("registering libvirt's default event loop", e);
            } catch (LinkageError e) {
                throw new VirtException("the libvirt C library (libvirt.so.0) cannot be loaded: " + e, 0, 0, "");
            }
            Thread t = new Thread(EventLoop::run, THREAD_NAME);
            t.setDaemon(true);
            t.start();
            thread = t;
            LOG.debug("libvirt event loop registered and running on {}", THREAD_NAME);
        }
    }

    /**
     * Lets the loop finish what it is dispatching (see {@link NativeLibvirt#awaitEventLoopIteration}); a no-op
     * when no loop runs. Used before closing a connection whose lifecycle callback was just deregistered:
     * deregistered during a dispatch, libvirt drops the callback's reference on the connection only at the end
     * of that dispatch, and a close before that left "1 references" behind (issue 19).
     */
    static void settle() {
        if (isRunning() && !NativeLibvirt.awaitEventLoopIteration(java.time.Duration.ofSeconds(2))) {
            LOG.debug("the libvirt event loop did not come round within 2 s");
        }
    }

    /** Whether the loop thread is alive. */
    static boolean isRunning() {
        synchronized (LOCK) {
            return thread != null && thread.isAlive();
        }
    }

    private static void run() {
        while (true) {
            try {
                Library.processEvent();
            } catch (LibvirtException e) {
                LOG.warn("libvirt event loop iteration failed: {}", e.getError(), e);
                pause();
            } catch (RuntimeException e) {
                LOG.error("unexpected failure in the libvirt event loop", e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
