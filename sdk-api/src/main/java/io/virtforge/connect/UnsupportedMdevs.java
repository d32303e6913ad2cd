package io.virtforge.connect;

import java.util.List;

/** {@link MediatedDevices#unsupported}: a connection without node devices. */
final class UnsupportedMdevs implements MediatedDevices {
    private final String uri;

    UnsupportedMdevs(String uri) {
        this.uri = uri;
    }

    private VirtException refused(String call) {
        return LibvirtErrors.exception(uri + ": " + call + " failed", LibvirtErrors.VIR_ERR_NO_SUPPORT,
                LibvirtErrors.VIR_FROM_NONE, "this function is not supported by the connection driver: " + call,
                LibvirtErrors.Call.GENERAL);
    }

    @Override
    public List<MdevParentDevice> parents() {
        throw refused("virConnectListAllNodeDevices");
    }

    @Override
    public List<MdevDevice> devices() {
        throw refused("virConnectListAllNodeDevices");
    }

    @Override
    public MdevDevice create(MdevDefinition definition) {
        throw refused("virNodeDeviceCreateXML");
    }

    @Override
    public MdevDevice define(MdevDefinition definition) {
        throw refused("virNodeDeviceDefineXML");
    }

    @Override
    public MdevDevice start(String name) {
        throw refused("virNodeDeviceCreate");
    }

    @Override
    public void destroy(String name) {
        throw refused("virNodeDeviceDestroy");
    }

    @Override
    public void undefine(String name) {
        throw refused("virNodeDeviceUndefine");
    }
}
