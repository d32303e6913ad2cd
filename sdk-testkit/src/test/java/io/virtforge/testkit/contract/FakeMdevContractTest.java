package io.virtforge.testkit.contract;

import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.value.PciAddress;
import java.util.Optional;

/** The mediated device contract against the fake, on the gpu-server fixture (GPU 1 offers 6 A10-4Q instances). */
class FakeMdevContractTest extends MdevContract {
    @Override
    protected VirtConnection openConnection() {
        return Fixtures.get(Fixtures.GPU_SERVER).connect();
    }

    @Override
    protected Optional<Target> mdevTarget() {
        return Optional.of(new Target(PciAddress.parse(Fixtures.GPU1).nodeDeviceName(), Fixtures.VGPU_4Q));
    }
}
