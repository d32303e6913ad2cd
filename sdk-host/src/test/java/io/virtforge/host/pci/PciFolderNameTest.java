package io.virtforge.host.pci;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PciDeviceReader#readAll} takes a listed folder name as the function's folder only when it is the
 * address' own sysfs form, so that it reads the same folders as {@link PciDeviceReader#read(PciAddress)}.
 */
class PciFolderNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"0000:3b:00.0", "0000:3B:00.0", "3b:00.0", "0:3b:00.0", "00000:3b:00.0", "0000:3b:1f.7",
        "ffff:ff:1f.7", "0000:3b:0.0", "0001:00:02.3", "000a:0A:02.3"})
    void theShortcutHoldsExactlyForTheFormattedAddress(String name) {
        assertThat(PciDeviceReader.isSysfsForm(name)).isEqualTo(PciAddress.parse(name).format().equals(name));
    }

    @Test
    void readAllReadsWhatReadReadsSequentiallyAndInParallel(@TempDir Path root) throws IOException {
        Path devices = Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        for (String name : List.of("0000:00:01.0", "0000:3b:00.0", "0000:3b:00.1")) {
            Path dir = Files.createDirectories(devices.resolve(name));
            Files.writeString(dir.resolve("uevent"), "PCI_CLASS=20000\nPCI_ID=8086:1572\nDRIVER=i40e\n");
            Files.writeString(dir.resolve("numa_node"), name.startsWith("0000:3b") ? "1\n" : "0\n");
        }
        Files.createDirectories(devices.resolve("not-an-address"));
        PciDeviceReader reader = new PciDeviceReader(new RealSysfs(root));
        List<PciDevice> expected = reader.addresses().stream().map(reader::read).toList();
        assertThat(expected).hasSize(3).extracting(PciDevice::numaNode).containsExactly(java.util.OptionalInt.of(0), java.util.OptionalInt.of(1), java.util.OptionalInt.of(1));
        assertThat(reader.readAll(Integer.MAX_VALUE)).isEqualTo(expected);
        assertThat(reader.readAll(0)).isEqualTo(expected);
    }
}
