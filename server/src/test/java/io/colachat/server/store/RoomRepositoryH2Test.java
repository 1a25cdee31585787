package io.colachat.server.store;

class RoomRepositoryH2Test extends RoomRepositoryContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
