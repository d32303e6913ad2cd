package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.MdevDevice;
import io.virtforge.connect.MdevParentDevice;
import io.virtforge.connect.MediatedDevices;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import io.virtforge.libvirt.jna.NodeDeviceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.libvirt.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MediatedDevices} over libvirt's node device API, through the JNA bindings (libvirt-java 0.5.4 has
 * {@code virNodeDeviceCreateXML} and {@code virNodeDeviceDestroy} but none of libvirt 7.3's persistent calls, nor
 * listing by capability): parents listed with {@code CAP_MDEV_TYPES}, instances with {@code CAP_MDEV}, each read
 * from its XML; an instance's activity and persistence from {@code virNodeDeviceIsActive} and
 * {@code virNodeDeviceIsPersistent}, or active and transient where the driver lacks them (before 7.3, the test
 * driver). Flags outside the capability filters are never passed: the test driver refuses them.
 */
final class LibvirtMdevs implements MediatedDevices {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtMdevs.class);
    private final LibvirtConnection connection;

    LibvirtMdevs(LibvirtConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<MdevParentDevice> parents() {
        return connection.call("listing mediated device parents",
                c -> read(c, Flags.LIST_NODE_DEVICES_CAP_MDEV_TYPES, MdevParentDevice::fromXml));
    }

    @Override
    public List<MdevDevice> devices() {
        return connection.call("listing mediated devices", c -> {
            List<MdevDevice> devices = new ArrayList<>();
            for (String name : NativeLibvirt.listAllNodeDeviceNames(c, Flags.LIST_NODE_DEVICES_CAP_MDEV)) {
                try {
                    devices.add(device(c, name));
                } catch (NativeLibvirtException e) {
                    if (e.code() != LibvirtErrors.VIR_ERR_NO_NODE_DEVICE) {
                        throw e;
                    }
                    LOG.debug("mediated device {} went away while listing", name);
                }
            }
            return devices;
        });
    }

    private static <T> List<T> read(Connect c, int flags, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String name : NativeLibvirt.listAllNodeDeviceNames(c, flags)) {
            try {
                out.add(parse.apply(NativeLibvirt.nodeDeviceXml(c, name, 0)));
            } catch (NativeLibvirtException e) {
                if (e.code() != LibvirtErrors.VIR_ERR_NO_NODE_DEVICE) {
                    throw e;
                }
                LOG.debug("node device {} went away while listing", name);
            }
        }
        return out;
    }

    private static MdevDevice device(Connect c, String name) {
        String xml = NativeLibvirt.nodeDeviceXml(c, name, 0);
        NodeDeviceStatus status;
        try {
            status = NativeLibvirt.nodeDeviceStatus(c, name);
        } catch (NativeLibvirtException e) {
            if (!e.isUnsupported()) {
                throw e;
            }
            status = new NodeDeviceStatus(true, false); // a driver without definitions lists what exists
        }
        return MdevDevice.fromXml(xml, status.active(), status.persistent());
    }

    @Override
    public MdevDevice create(MdevDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return connection.call("creating mediated device " + definition.uuid() + " on " + definition.parent(),
                c -> device(c, NativeLibvirt.createNodeDevice(c, definition.toXml())));
    }

    @Override
    public MdevDevice define(MdevDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return connection.call("defining mediated device " + definition.uuid() + " on " + definition.parent(),
                c -> device(c, NativeLibvirt.defineNodeDevice(c, definition.toXml())));
    }

    @Override
    public MdevDevice start(String name) {
        Objects.requireNonNull(name, "name");
        return connection.call("starting mediated device " + name, c -> {
            NativeLibvirt.startNodeDevice(c, name);
            return device(c, name);
        });
    }

    @Override
    public void destroy(String name) {
        Objects.requireNonNull(name, "name");
        connection.call("destroying mediated device " + name, c -> {
            NativeLibvirt.destroyNodeDevice(c, name);
            return null;
        });
    }

    @Override
    public void undefine(String name) {
        Objects.requireNonNull(name, "name");
        connection.call("undefining mediated device " + name, c -> {
            NativeLibvirt.undefineNodeDevice(c, name);
            return null;
        });
    }
}
