import time


class TestOrders:
    def test_place(self, app):
        time.sleep(0.2)

    def test_cancel(self, app):
        time.sleep(0.125)

    class TestRefunds:
        def test_full_refund(self, app):
            time.sleep(0.075)

        def test_partial_refund(self, app):
            time.sleep(0.075)
