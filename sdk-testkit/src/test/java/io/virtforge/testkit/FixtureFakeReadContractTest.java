package io.virtforge.testkit;

import io.virtforge.host.sysfs.Sysfs;

/** The read contract on a {@link FakeSysfs} built from the fixture. */
class FixtureFakeReadContractTest extends SysfsReadContract {
    @Override
    protected Sysfs sysfs() {
        return ContractFixture.fake();
    }

    @Override
    protected SysfsSnapshot expected() {
        return ContractFixture.expected();
    }
}
