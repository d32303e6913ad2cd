package io.virtforge.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libvirt probe and the condition that skips tests without libvirt. */
class RequiresLibvirtTest {
    private static final boolean HAVE_VIRSH = LibvirtProbe.system().check("test:///default", Duration.ofSeconds(20))
            .available();

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path virsh = bin.resolve("virsh");
        Files.writeString(virsh, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(virsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib").resolve("libvirt.so.0"), "");
        return bin;
    }

    private LibvirtProbe probe(Path bin) {
        return new LibvirtProbe(List.of("libvirt.so.0"), List.of(dir.resolve("lib")), List.of(bin));
    }

    @Test
    void withoutTheLibraryTheReasonSaysSo() {
        LibvirtProbe.Result r = new LibvirtProbe(List.of("libvirt.so.0"), List.of(dir), List.of(dir))
                .check("qemu:///system", Duration.ofSeconds(5));
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).startsWith("libvirt is not installed: no libvirt.so.0 in [" + dir + "]");
    }

    @Test
    void withoutVirshTheReasonSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib").resolve("libvirt.so.0"), "");
        LibvirtProbe.Result r = probe(Files.createDirectories(dir.resolve("empty"))).check("qemu:///system",
                Duration.ofSeconds(5));
        assertThat(r).isEqualTo(new LibvirtProbe.Result(false,
                "virsh is not on the PATH (install libvirt-clients) to reach qemu:///system"));
    }

    @Test
    void aDaemonThatRefusesGivesVirshsError() throws IOException {
        Path bin = script("echo 'error: failed to connect to the hypervisor' >&2\n"
                + "echo 'error: Failed to connect socket to '\\''/var/run/libvirt/libvirt-sock'\\'': No such file or directory' >&2\n"
                + "exit 1");
        LibvirtProbe.Result r = probe(bin).check("qemu:///system", Duration.ofSeconds(10));
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("libvirt does not answer at qemu:///system: virsh -c qemu:///system version "
                + "exited 1: error: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory");
    }

    @Test
    void aHungDaemonTimesOut() throws IOException {
        Path bin = script("exec sleep 30");
        long start = System.nanoTime();
        LibvirtProbe.Result r = probe(bin).check("qemu:///system", Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).startsWith("libvirt did not answer at qemu:///system within 1 s");
    }

    @Test
    void anAnsweringDaemonEnables() throws IOException {
        Path bin = script("echo 'Compiled against library: libvirt 9.0.0'\necho 'Running hypervisor: QEMU 7.2.0'");
        LibvirtProbe.Result r = probe(bin).check("qemu:///system", Duration.ofSeconds(10));
        assertThat(r).isEqualTo(new LibvirtProbe.Result(true, "libvirt answers at qemu:///system (Running hypervisor: QEMU 7.2.0)"));
    }

    /** Skipped or run depending on the machine, with the reason. */
    static class Samples {
        @Test
        @RequiresLibvirt(uri = "bogus:///nothing", timeoutSeconds = 20)
        void needsABogusDriver() {
        }

        @Test
        @RequiresLibvirt(uri = "test:///default", timeoutSeconds = 20)
        void needsTheTestDriver() {
        }

        @Test
        void needsNothing() {
        }
    }

    @Test
    void theConditionSkipsWithTheProbesReasonAndRunsWhereLibvirtAnswers() {
        Launch l = Launch.run(Samples.class);
        assertThat(l.outcomes).containsEntry("needsNothing()", "passed");
        if (HAVE_VIRSH) {
            assertThat(l.outcomes).containsEntry("needsTheTestDriver()", "passed");
            assertThat(l.outcomes.get("needsABogusDriver()"))
                    .startsWith("skipped: libvirt does not answer at bogus:///nothing: virsh -c bogus:///nothing version exited 1");
        } else {
            assertThat(l.outcomes.get("needsTheTestDriver()")).startsWith("skipped: ");
        }
    }

    @Test
    void aSystemPropertySkipsEverything() {
        System.setProperty(RequiresLibvirtCondition.SKIP_PROPERTY, "true");
        try {
            Launch l = Launch.run(Samples.class);
            assertThat(l.outcomes).containsEntry("needsTheTestDriver()",
                    "skipped: libvirt tests skipped (-Dvirtforge.libvirt.skip=true)");
        } finally {
            System.clearProperty(RequiresLibvirtCondition.SKIP_PROPERTY);
        }
    }

    /** Needs the private test daemon, whatever the machine runs. */
    static class TestDaemonSample {
        @Test
        @RequiresLibvirt(uri = RequiresLibvirt.TEST_LIBVIRTD, timeoutSeconds = 20)
        void needsTheTestDaemon() {
        }
    }

    @Test
    void withoutATestDaemonItSkipsAndNeverTriesTheMachinesDaemon() {
        assumeTrue(System.getenv(TestLibvirtd.URI_ENV) == null, "the environment names a test daemon");
        String before = System.getProperty(TestLibvirtd.URI_PROPERTY);
        System.clearProperty(TestLibvirtd.URI_PROPERTY);
        try {
            assertThat(Launch.run(TestDaemonSample.class).outcomes).containsEntry("needsTheTestDaemon()",
                    "skipped: no private test libvirtd: run scripts/run-tests.sh as root");
        } finally {
            if (before != null) {
                System.setProperty(TestLibvirtd.URI_PROPERTY, before);
            }
        }
    }

    @Test
    void theTestDaemonIsTheUriOfTheProperty() {
        assumeTrue(HAVE_VIRSH, "virsh cannot reach test:///default here");
        String before = System.getProperty(TestLibvirtd.URI_PROPERTY);
        // test:///default stands in for the daemon: the condition must probe the property's URI
        System.setProperty(TestLibvirtd.URI_PROPERTY, "test:///default");
        try {
            assertThat(Launch.run(TestDaemonSample.class).outcomes).containsEntry("needsTheTestDaemon()", "passed");
        } finally {
            if (before != null) {
                System.setProperty(TestLibvirtd.URI_PROPERTY, before);
            } else {
                System.clearProperty(TestLibvirtd.URI_PROPERTY);
            }
        }
    }

    @Test
    void theUriComesFromThePropertyThenTheEnvironment() {
        String uri = "qemu:///system?socket=/run/vf/run/libvirt-sock";
        assertThat(TestLibvirtd.uri(Map.of(TestLibvirtd.URI_PROPERTY, uri)::get, Map.of())).contains(uri);
        assertThat(TestLibvirtd.uri(Map.<String, String>of()::get, Map.of(TestLibvirtd.URI_ENV, uri))).contains(uri);
        assertThat(TestLibvirtd.uri(Map.of(TestLibvirtd.URI_PROPERTY, " ")::get, Map.of())).isEmpty();
        assertThat(TestLibvirtd.uri(Map.<String, String>of()::get, Map.of())).isEmpty();
        assertThat(TestLibvirtd.directory(uri)).contains(Path.of("/run/vf"));
        assertThat(TestLibvirtd.libvirtdPidFile(uri)).contains(Path.of("/run/vf/run/libvirtd.pid"));
        assertThat(TestLibvirtd.socket("qemu:///system")).isEmpty();
        assertThat(TestLibvirtd.socket("qemu:///system?mode=legacy&socket=/s/run/sock")).contains(Path.of("/s/run/sock"));
    }
}
