package io.colachat.server.store;

class RoomRepositoryPostgresTest extends RoomRepositoryContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
