package io.virtforge.cli;

import picocli.CommandLine.Option;

/** {@code --connect URI}, shared by the commands that talk to a hypervisor. */
final class ConnectOption {
    @Option(names = "--connect", paramLabel = "URI", defaultValue = Connector.DEFAULT_URI,
            description = "The hypervisor: qemu:///system for this machine's libvirtd, or a fake host "
                    + "(fake:///xeon-2s, the default; fake:///epyc-nps4, gpu-server, sriov-host, tiny). "
                    + "A fake host starts empty in every run.")
    String uri;

    Connector.Lease open() {
        return Connector.open(uri);
    }
}
