package io.colachat.server.store;

class ChatterRepositoryPostgresTest extends ChatterRepositoryContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
