package io.colachat.server.store;

class GroupCommitH2Test extends GroupCommitContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
