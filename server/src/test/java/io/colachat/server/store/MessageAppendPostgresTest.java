package io.colachat.server.store;

class MessageAppendPostgresTest extends MessageAppendContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
