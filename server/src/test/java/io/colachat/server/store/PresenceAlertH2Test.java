package io.colachat.server.store;

class PresenceAlertH2Test extends PresenceAlertContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }
}
