package io.virtforge.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.KvmSupport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KVM facts of this machine's real kernel, each checked against the file read (or the device opened)
 * directly; a fact whose file this machine lacks is skipped with the reason.
 */
@EnabledOnOs(OS.LINUX)
class RealKvmFactsTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealKvmFactsTest.class);
    private static final Pattern VENDOR = Pattern.compile("(?m)^vendor_id\\s*:\\s*(\\S+)");
    private final KvmSupport facts = KvmReader.read(new RealSysfs());

    private static String vendorId() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        assumeTrue(Files.isReadable(cpuinfo), "no readable /proc/cpuinfo");
        Matcher m = VENDOR.matcher(Files.readString(cpuinfo));
        assumeTrue(m.find(), "/proc/cpuinfo has no vendor_id (not x86)");
        return m.group(1);
    }

    private Path moduleDir() throws IOException {
        String id = vendorId();
        assumeTrue(id.equals("GenuineIntel") || id.equals("AuthenticAMD") || id.equals("HygonGenuine"),
                "vendor " + id + " has no KVM vendor module");
        return Path.of("/sys/module", id.equals("GenuineIntel") ? "kvm_intel" : "kvm_amd");
    }

    @Test
    void theVendorIsTheOneProcCpuinfoNames() throws IOException {
        String id = vendorId();
        LOG.info("this machine: vendor_id {} -> {}", id, facts);
        CpuVendor expected = switch (id) {
            case "GenuineIntel" -> CpuVendor.INTEL;
            case "AuthenticAMD", "HygonGenuine" -> CpuVendor.AMD;
            default -> CpuVendor.UNRECOGNIZED;
        };
        assertThat(facts.vendor()).isEqualTo(expected);
    }

    @Test
    void nestingIsWhatTheModuleParameterSays() throws IOException {
        Path parameter = moduleDir().resolve("parameters/nested");
        assumeTrue(Files.isReadable(parameter), parameter + " is missing: the vendor's KVM module is not loaded here");
        String text = Files.readString(parameter).strip();
        assertThat(facts.moduleLoaded()).isTrue();
        assertThat(facts.nested()).as("nested parameter '%s'", text).isEqualTo(text.equals("Y") || text.equals("1"));
    }

    @Test
    void aModuleNotLoadedIsReportedSo() throws IOException {
        Path module = moduleDir();
        assumeFalse(Files.isDirectory(module), module + " exists: the module is loaded here");
        assertThat(facts.moduleLoaded()).isFalse();
        assertThat(facts.nested()).isFalse();
        assertThat(facts.nestedAvailable()).isFalse();
    }

    @Test
    void devKvmIsUsableExactlyWhenItOpensForReadAndWrite() {
        boolean opens;
        try (FileChannel c = FileChannel.open(Path.of("/dev/kvm"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            opens = c.isOpen();
        } catch (IOException | UnsupportedOperationException e) {
            opens = false;
        }
        assertThat(facts.deviceUsable()).isEqualTo(opens);
    }
}
