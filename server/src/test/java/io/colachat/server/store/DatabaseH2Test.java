package io.colachat.server.store;

class DatabaseH2Test extends DatabaseContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
