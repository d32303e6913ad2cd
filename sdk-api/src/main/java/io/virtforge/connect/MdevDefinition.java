package io.virtforge.connect;

import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * What creates or defines a mediated device: the node device XML libvirt takes
 * ({@code <device><name>mdev_U</name><parent>P</parent><capability type='mdev'><type id='T'/><uuid>U</uuid>
 * </capability></device>}; libvirt replaces the name by its own).
 *
 * @param parent the parent's node device name, e.g. {@code pci_0000_31_00_0}
 * @param type   the type id, e.g. {@code nvidia-588}
 * @param uuid   the instance's UUID
 */
public record MdevDefinition(String parent, String type, UUID uuid) {
    /** Checks the parts. */
    public MdevDefinition {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
        if (parent.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("an mdev definition needs a parent and a type, not '" + parent + "', '"
                    + type + "'");
        }
    }

    /** An instance of {@code type} on {@code parent} under a new random UUID. */
    public static MdevDefinition of(String parent, String type) {
        return new MdevDefinition(parent, type, UUID.randomUUID());
    }

    /** The node device XML ({@code virsh nodedev-create}). */
    public String toXml() {
        XmlElement cap = XmlElement.builder("capability").attribute("type", "mdev")
                .add(XmlElement.builder("type").attribute("id", type).build())
                .add(XmlElement.builder("uuid").text(uuid.toString()).build()).build();
        // libvirt names the device itself (mdev_<uuid>_<parent address>); the schema wants a <name>: the UUID's
        return XmlWriter.toXml(XmlElement.builder("device")
                .add(XmlElement.builder("name").text("mdev_" + uuid.toString().replace('-', '_')).build())
                .add(XmlElement.builder("parent").text(parent).build()).add(cap).build());
    }

    /**
     * Reads node device XML of a mediated device to create (a {@code <parent>}, a {@code <capability type='mdev'>}
     * with its {@code <type id>} and {@code <uuid>}).
     *
     * @throws io.virtforge.xml.XmlException when a part is missing or malformed
     */
    public static MdevDefinition fromXml(String xml) {
        return MdevNodeDeviceXml.definition(xml);
    }
}
