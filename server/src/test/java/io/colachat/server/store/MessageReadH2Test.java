package io.colachat.server.store;

class MessageReadH2Test extends MessageReadContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
