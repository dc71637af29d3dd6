"""A shop's REST API as a FastAPI developer writes it: the real-stack server whose route
table is the truth of `benchmarks.real_stack_names` (truth.tsv, server ``shop``).

    python -m uvicorn benchmarks.real_stack.shop_api:app --host 127.0.0.1 --port PORT
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import FastAPI

app = FastAPI(title="shop")
v1 = "/api/v1"


def found(**ids: Any) -> dict[str, Any]:
    return {"found": {k: str(v) for k, v in ids.items()}}


@app.get(v1 + "/customers/{customer_id}")
def get_customer(customer_id: int) -> dict[str, Any]:
    return found(customer_id=customer_id) | {"name": "Ada Example"}


@app.get(v1 + "/customers/{customer_id}/orders")
def list_customer_orders(customer_id: int) -> dict[str, Any]:
    return found(customer_id=customer_id) | {"orders": []}


@app.get(v1 + "/customers/{customer_id}/orders/{order_id}")
def get_customer_order(customer_id: int, order_id: int) -> dict[str, Any]:
    return found(customer_id=customer_id, order_id=order_id)


@app.post(v1 + "/orders/{order_id}/cancel")
def cancel_order(order_id: int) -> dict[str, Any]:
    return found(order_id=order_id) | {"status": "cancelled"}


@app.post(v1 + "/orders/{order_id}/refunds")
def refund_order(order_id: int) -> dict[str, Any]:
    return found(order_id=order_id) | {"refund": "pending"}


@app.get(v1 + "/orders/{order_id}/items/{item_id}")
def get_order_item(order_id: int, item_id: int) -> dict[str, Any]:
    return found(order_id=order_id, item_id=item_id)


@app.get(v1 + "/products/{product_id}")
def get_product(product_id: int) -> dict[str, Any]:
    return found(product_id=product_id)


@app.get(v1 + "/products/{product_id}/reviews/{review_id}")
def get_review(product_id: int, review_id: int) -> dict[str, Any]:
    return found(product_id=product_id, review_id=review_id)


@app.get(v1 + "/categories/{category_id}/products")
def list_category_products(category_id: int) -> dict[str, Any]:
    return found(category_id=category_id) | {"products": []}


@app.get(v1 + "/stores/{store_id}/inventory/{sku}")
def get_stock(store_id: int, sku: str) -> dict[str, Any]:
    return found(store_id=store_id, sku=sku) | {"stock": 3}


@app.get(v1 + "/invoices/{invoice_id}/pdf")
def get_invoice_pdf(invoice_id: int) -> dict[str, Any]:
    return found(invoice_id=invoice_id)


@app.get(v1 + "/addresses/{address_id}")
def get_address(address_id: UUID) -> dict[str, Any]:
    return found(address_id=address_id)


@app.get(v1 + "/people/{person_id}")
def get_person(person_id: int) -> dict[str, Any]:
    return found(person_id=person_id)


@app.get(v1 + "/companies/{company_id}/employees/{employee_id}")
def get_employee(company_id: int, employee_id: int) -> dict[str, Any]:
    return found(company_id=company_id, employee_id=employee_id)


@app.get(v1 + "/reports/daily/{date}")
def daily_report(date: date) -> dict[str, Any]:
    return found(date=date)


@app.get("/api/v2/users/{user_id}/preferences")
def get_preferences(user_id: UUID) -> dict[str, Any]:
    return found(user_id=user_id)


@app.put("/api/v2/users/{user_id}/avatar")
def put_avatar(user_id: UUID) -> dict[str, Any]:
    return found(user_id=user_id)


@app.get("/api/v2/users/by-email/{email}")
def find_user_by_email(email: str) -> dict[str, Any]:
    return {"matches": 1}


@app.get(v1 + "/shipments/{tracking_number}")
def track_shipment(tracking_number: str) -> dict[str, Any]:
    return found(tracking_number=tracking_number)


@app.get(v1 + "/coupons/{code}")
def get_coupon(code: str) -> dict[str, Any]:
    return found(code=code) | {"percent": 10}


@app.get(v1 + "/warehouses/{warehouse_id}/shelves/{shelf_id}")
def get_shelf(warehouse_id: int, shelf_id: int) -> dict[str, Any]:
    return found(warehouse_id=warehouse_id, shelf_id=shelf_id)


@app.get(v1 + "/analyses/{analysis_id}")
def get_analysis(analysis_id: int) -> dict[str, Any]:
    return found(analysis_id=analysis_id)


@app.get(v1 + "/criteria/{criterion_id}")
def get_criterion(criterion_id: int) -> dict[str, Any]:
    return found(criterion_id=criterion_id)


@app.get(v1 + "/wishlists/{wishlist_id}/entries/{entry_id}")
def get_wishlist_entry(wishlist_id: int, entry_id: int) -> dict[str, Any]:
    return found(wishlist_id=wishlist_id, entry_id=entry_id)


@app.delete(v1 + "/carts/{cart_id}/lines/{line_id}")
def delete_cart_line(cart_id: UUID, line_id: int) -> dict[str, Any]:
    return found(cart_id=cart_id, line_id=line_id)


@app.get(v1 + "/gift-cards/{gift_card_id}")
def get_gift_card(gift_card_id: int) -> dict[str, Any]:
    return found(gift_card_id=gift_card_id)


@app.get(v1 + "/payment-methods/{payment_method_id}")
def get_payment_method(payment_method_id: int) -> dict[str, Any]:
    return found(payment_method_id=payment_method_id)


@app.get(v1 + "/api-keys/{api_key_id}")
def get_api_key(api_key_id: int) -> dict[str, Any]:
    return found(api_key_id=api_key_id)
