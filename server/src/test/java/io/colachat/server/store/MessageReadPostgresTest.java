package io.colachat.server.store;

class MessageReadPostgresTest extends MessageReadContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
