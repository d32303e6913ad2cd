package io.virtforge.testing;

/** libvirt 9.0's node device XML of a vGPU parent (as {@code virNodeDeviceDefFormat} writes it), for tests. */
public final class MdevSamples {
    private MdevSamples() {
    }

    /**
     * An NVIDIA A10 at {@code 0000:BB:00.0} on a NUMA node, offering {@code nvidia-588} (A10-4Q) with
     * {@code available} instances left and {@code nvidia-592} (A10-8Q) with 2.
     *
     * @param bus the PCI bus, 0 to 255
     */
    public static String a10Parent(int bus, int numaNode, int available) {
        String b = String.format("%02x", bus);
        return """
                <device>
                  <name>pci_0000_%1$s_00_0</name>
                  <parent>computer</parent>
                  <driver><name>nvidia</name></driver>
                  <capability type='pci'>
                    <class>0x030200</class>
                    <domain>0</domain><bus>%2$d</bus><slot>0</slot><function>0</function>
                    <product id='0x2236'>GA102GL [A10]</product>
                    <vendor id='0x10de'>NVIDIA Corporation</vendor>
                    <capability type='mdev_types'>
                      <type id='nvidia-588'>
                        <name>NVIDIA A10-4Q</name>
                        <deviceAPI>vfio-pci</deviceAPI>
                        <availableInstances>%4$d</availableInstances>
                      </type>
                      <type id='nvidia-592'>
                        <name>NVIDIA A10-8Q</name>
                        <deviceAPI>vfio-pci</deviceAPI>
                        <availableInstances>2</availableInstances>
                      </type>
                    </capability>
                    <iommuGroup number='40'><address domain='0x0000' bus='0x%1$s' slot='0x00' function='0x0'/></iommuGroup>
                    <numa node='%3$d'/>
                  </capability>
                </device>
                """.formatted(b, bus, numaNode, available);
    }
}
