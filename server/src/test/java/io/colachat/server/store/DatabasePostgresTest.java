package io.colachat.server.store;

class DatabasePostgresTest extends DatabaseContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
