package io.colachat.server.store;

class GroupCommitPostgresTest extends GroupCommitContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
