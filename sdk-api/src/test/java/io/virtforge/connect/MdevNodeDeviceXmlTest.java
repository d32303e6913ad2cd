package io.virtforge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.testing.LibvirtSchema;
import io.virtforge.testing.MdevSamples;
import io.virtforge.xml.XmlException;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Mediated devices read from libvirt 9.0's node device XML, and the definitions written for it. */
class MdevNodeDeviceXmlTest {
    private static final UUID U = UUID.fromString("8b1c1e53-0f4b-4d2c-9e3a-2a9c2c9a7f01");

    /** A vGPU parent at 0000:31:00.0 on node 0 with 5 A10-4Q instances left. */
    private static final String PARENT = MdevSamples.a10Parent(0x31, 0, 5);

    /** As libvirt 9.0 writes an active mediated device (udev) and a defined, inactive one (mdevctl). */
    private static final String ACTIVE = """
            <device>
              <name>mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_31_00_0</name>
              <path>/sys/devices/pci0000:30/0000:30:02.0/0000:31:00.0/8b1c1e53-0f4b-4d2c-9e3a-2a9c2c9a7f01</path>
              <parent>pci_0000_31_00_0</parent>
              <driver><name>vfio_mdev</name></driver>
              <capability type='mdev'>
                <type id='nvidia-588'/>
                <uuid>8b1c1e53-0f4b-4d2c-9e3a-2a9c2c9a7f01</uuid>
                <parent_addr>0000:31:00.0</parent_addr>
                <iommuGroup number='140'/>
              </capability>
            </device>
            """;

    @Test
    void aParentHasItsTypesAddressAndNode() {
        MdevParentDevice p = MdevParentDevice.fromXml(PARENT);
        assertThat(p.name()).isEqualTo("pci_0000_31_00_0");
        assertThat(p.address()).isEqualTo("0000:31:00.0");
        assertThat(p.numaNode()).hasValue(0);
        assertThat(p.types()).extracting(t -> t.id()).containsExactly("nvidia-588", "nvidia-592");
        assertThat(p.type("nvidia-588").orElseThrow().availableInstances()).isEqualTo(5);
        assertThat(p.type("nvidia-588").orElseThrow().name()).contains("NVIDIA A10-4Q");
        assertThat(p.type("nvidia-588").orElseThrow().description()).isEmpty();
    }

    @Test
    void anActiveInstanceHasItsGroupAndParentAddress() {
        MdevDevice d = MdevDevice.fromXml(ACTIVE, true, false);
        assertThat(d).isEqualTo(new MdevDevice("mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_31_00_0", U,
                "nvidia-588", "pci_0000_31_00_0", "0000:31:00.0", OptionalInt.of(140), true, false));
        assertThat(d.name()).isEqualTo(MdevDevice.nodeDeviceName(U, d.parentAddress()));
    }

    @Test
    void anInactiveInstanceHasNoGroup() {
        String inactive = ACTIVE.replace("<iommuGroup number='140'/>", "<iommuGroup number='0'/>");
        MdevDevice d = MdevDevice.fromXml(inactive, false, true);
        assertThat(d.iommuGroup()).isEmpty();
        assertThat(d.persistent()).isTrue();
    }

    @Test
    void theNameIsLibvirtsForAnyParent() {
        assertThat(MdevDevice.nodeDeviceName(U, "0000:00:02.0"))
                .isEqualTo("mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_00_02_0");
        assertThat(MdevDevice.nodeDeviceName(U, "0.0.0072")).endsWith("_0_0_0072"); // an s390 subchannel
    }

    @Test
    void aDefinitionRoundTripsThroughItsXml() {
        MdevDefinition d = new MdevDefinition("pci_0000_31_00_0", "nvidia-588", U);
        assertThat(d.toXml()).contains("<parent>pci_0000_31_00_0</parent>").contains("<type id='nvidia-588'/>")
                .contains("<uuid>" + U + "</uuid>");
        assertThat(MdevDefinition.fromXml(d.toXml())).isEqualTo(d);
    }

    @Test
    void aDefinitionIsValidForLibvirtsNodeDeviceSchema() {
        LibvirtSchema.require("nodedev");
        assertThat(LibvirtSchema.errors("nodedev", MdevDefinition.of("pci_0000_31_00_0", "nvidia-588").toXml())).isEmpty();
        assertThat(LibvirtSchema.errors("nodedev", PARENT)).isEmpty();
        assertThat(LibvirtSchema.errors("nodedev", ACTIVE)).isEmpty();
    }

    @Test
    void aDefinitionEscapesWhatItWrites() {
        MdevDefinition d = new MdevDefinition("p<&>", "t'\"", U);
        assertThat(MdevDefinition.fromXml(d.toXml())).isEqualTo(d);
    }

    @Test
    void malformedDefinitionsAreXmlErrors() {
        assertThatThrownBy(() -> MdevDefinition.fromXml("<device><parent>p</parent></device>"))
                .isInstanceOf(XmlException.class).hasMessageContaining("capability type='mdev'");
        assertThatThrownBy(() -> MdevDefinition.fromXml(
                "<device><parent>p</parent><capability type='mdev'><type id='t'/><uuid>1-2-3-4-5</uuid></capability></device>"))
                .isInstanceOf(XmlException.class).hasMessageContaining("not a UUID");
        assertThatThrownBy(() -> MdevDevice.fromXml("<domain/>", true, false)).isInstanceOf(XmlException.class);
        assertThatThrownBy(() -> new MdevDefinition(" ", "t", U)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectionWithoutNodeDevicesRefusesEveryCall() {
        MediatedDevices none = MediatedDevices.unsupported("x:///");
        assertThatThrownBy(none::parents).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(none::devices).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> none.create(MdevDefinition.of("p", "t"))).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> none.define(MdevDefinition.of("p", "t"))).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> none.start("n")).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> none.destroy("n")).isExactlyInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> none.undefine("n")).isExactlyInstanceOf(NotSupportedException.class);
    }
}
