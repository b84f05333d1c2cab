"""涟源农村信用社客户信息档案系统: an offline, encrypted customer-information archive."""

__version__ = "0.1.0"
APP_NAME = "custarchive"
APP_TITLE = "客户信息档案系统"
