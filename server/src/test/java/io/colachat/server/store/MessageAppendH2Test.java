package io.colachat.server.store;

class MessageAppendH2Test extends MessageAppendContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
