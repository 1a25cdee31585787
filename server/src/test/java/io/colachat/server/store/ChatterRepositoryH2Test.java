package io.colachat.server.store;

class ChatterRepositoryH2Test extends ChatterRepositoryContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
